using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortfolioIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InitiativeContributions_InitiativeId",
                table: "InitiativeContributions");

            migrationBuilder.DropIndex(
                name: "IX_Hypotheses_InitiativeId",
                table: "Hypotheses");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_MissionId_Title",
                table: "Initiatives",
                columns: new[] { "MissionId", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeContributions_InitiativeId_GoalId",
                table: "InitiativeContributions",
                columns: new[] { "InitiativeId", "GoalId" });

            migrationBuilder.CreateIndex(
                name: "IX_Hypotheses_InitiativeId_Result_OpenedOn",
                table: "Hypotheses",
                columns: new[] { "InitiativeId", "Result", "OpenedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_MissionId_Title",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_InitiativeContributions_InitiativeId_GoalId",
                table: "InitiativeContributions");

            migrationBuilder.DropIndex(
                name: "IX_Hypotheses_InitiativeId_Result_OpenedOn",
                table: "Hypotheses");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeContributions_InitiativeId",
                table: "InitiativeContributions",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_Hypotheses_InitiativeId",
                table: "Hypotheses",
                column: "InitiativeId");
        }
    }
}
