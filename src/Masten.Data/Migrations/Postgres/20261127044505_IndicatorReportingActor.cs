using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndicatorReportingActor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReportingActorId",
                table: "Indicators",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_ReportingActorId",
                table: "Indicators",
                column: "ReportingActorId");

            migrationBuilder.AddForeignKey(
                name: "FK_Indicators_Actors_ReportingActorId",
                table: "Indicators",
                column: "ReportingActorId",
                principalTable: "Actors",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Indicators_Actors_ReportingActorId",
                table: "Indicators");

            migrationBuilder.DropIndex(
                name: "IX_Indicators_ReportingActorId",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "ReportingActorId",
                table: "Indicators");
        }
    }
}
