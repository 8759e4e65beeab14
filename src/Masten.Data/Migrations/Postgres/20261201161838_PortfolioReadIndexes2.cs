using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PortfolioReadIndexes2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckIns_InitiativeId_Date",
                table: "CheckIns");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_InitiativeId_Date_Id_Status",
                table: "CheckIns",
                columns: new[] { "InitiativeId", "Date", "Id", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckIns_InitiativeId_Date_Id_Status",
                table: "CheckIns");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_InitiativeId_Date",
                table: "CheckIns",
                columns: new[] { "InitiativeId", "Date" });
        }
    }
}
