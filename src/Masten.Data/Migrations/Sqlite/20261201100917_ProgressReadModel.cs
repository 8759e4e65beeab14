using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProgressReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsCurrent",
                table: "Observations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "IndicatorAssessments",
                columns: table => new
                {
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RoadmapVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LatestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LatestValue = table.Column<double>(type: "REAL", nullable: true),
                    LastDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastValue = table.Column<double>(type: "REAL", nullable: true),
                    PaceFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PaceTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PacePoints = table.Column<int>(type: "INTEGER", nullable: true),
                    PaceInLogSpace = table.Column<bool>(type: "INTEGER", nullable: true),
                    PaceSlope = table.Column<double>(type: "REAL", nullable: true),
                    PaceUnitsPerYear = table.Column<double>(type: "REAL", nullable: true),
                    PacePercentPerYear = table.Column<double>(type: "REAL", nullable: true),
                    SeriesNotes = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressFraction = table.Column<double>(type: "REAL", nullable: false),
                    RequiredFraction = table.Column<double>(type: "REAL", nullable: false),
                    RequiredUnitsPerYear = table.Column<double>(type: "REAL", nullable: true),
                    RequiredPercentPerYear = table.Column<double>(type: "REAL", nullable: true),
                    Reach = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReachDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextTargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextTargetValue = table.Column<double>(type: "REAL", nullable: true),
                    Stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorAssessments", x => x.IndicatorId);
                    table.ForeignKey(
                        name: "FK_IndicatorAssessments_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Observations_IndicatorId_IsCurrent_Date",
                table: "Observations",
                columns: new[] { "IndicatorId", "IsCurrent", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorAssessments");

            migrationBuilder.DropIndex(
                name: "IX_Observations_IndicatorId_IsCurrent_Date",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "IsCurrent",
                table: "Observations");
        }
    }
}
