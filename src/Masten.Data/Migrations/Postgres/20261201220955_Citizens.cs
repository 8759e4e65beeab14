using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Citizens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SignatureEnteredBy",
                table: "Commitments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SignatureEnteredBy",
                table: "Commitments");
        }
    }
}
