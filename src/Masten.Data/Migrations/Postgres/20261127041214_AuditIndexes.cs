using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_ChangedBy",
                table: "ChangeRecords",
                column: "ChangedBy");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ChangeRecords_ChangedBy",
                table: "ChangeRecords");
        }
    }
}
