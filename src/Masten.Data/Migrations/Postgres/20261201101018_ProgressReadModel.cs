using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "IndicatorAssessments",
                columns: table => new
                {
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    RoadmapVersion = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LatestDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LatestValue = table.Column<double>(type: "double precision", nullable: true),
                    LastDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LastValue = table.Column<double>(type: "double precision", nullable: true),
                    PaceFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    PaceTo = table.Column<DateOnly>(type: "date", nullable: true),
                    PacePoints = table.Column<int>(type: "integer", nullable: true),
                    PaceInLogSpace = table.Column<bool>(type: "boolean", nullable: true),
                    PaceSlope = table.Column<double>(type: "double precision", nullable: true),
                    PaceUnitsPerYear = table.Column<double>(type: "double precision", nullable: true),
                    PacePercentPerYear = table.Column<double>(type: "double precision", nullable: true),
                    SeriesNotes = table.Column<int>(type: "integer", nullable: false),
                    ProgressFraction = table.Column<double>(type: "double precision", nullable: false),
                    RequiredFraction = table.Column<double>(type: "double precision", nullable: false),
                    RequiredUnitsPerYear = table.Column<double>(type: "double precision", nullable: true),
                    RequiredPercentPerYear = table.Column<double>(type: "double precision", nullable: true),
                    Reach = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReachDate = table.Column<DateOnly>(type: "date", nullable: true),
                    NextTargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    NextTargetValue = table.Column<double>(type: "double precision", nullable: true),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
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
