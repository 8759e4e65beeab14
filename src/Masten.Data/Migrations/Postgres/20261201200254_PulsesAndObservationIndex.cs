using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PulsesAndObservationIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pulses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MissionId = table.Column<int>(type: "integer", nullable: false),
                    Statements = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    OpenQuestion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ActorTypes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RoundsPerYear = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenDays = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    Scheduled = table.Column<bool>(type: "boolean", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: true),
                    IndicatorStatement = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pulses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pulses_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pulses_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PulseRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PulseId = table.Column<int>(type: "integer", nullable: false),
                    MissionId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ScheduledFor = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Statements = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    OpenQuestion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseRounds_Pulses_PulseId",
                        column: x => x.PulseId,
                        principalTable: "Pulses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PulseAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ActorType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OpenAnswer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseAnswers_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PulseLinks",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ActorType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Used = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseLinks", x => x.TokenHash);
                    table.ForeignKey(
                        name: "FK_PulseLinks_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PulseScores",
                columns: table => new
                {
                    AnswerId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ActorType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseScores", x => new { x.AnswerId, x.StatementKey });
                    table.ForeignKey(
                        name: "FK_PulseScores_PulseAnswers_AnswerId",
                        column: x => x.AnswerId,
                        principalTable: "PulseAnswers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Observations_IndicatorId_IsCurrent_EnteredAt",
                table: "Observations",
                columns: new[] { "IndicatorId", "IsCurrent", "EnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseAnswers_RoundId",
                table: "PulseAnswers",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseLinks_RoundId",
                table: "PulseLinks",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_PulseId_Number",
                table: "PulseRounds",
                columns: new[] { "PulseId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_PulseId_ScheduledFor",
                table: "PulseRounds",
                columns: new[] { "PulseId", "ScheduledFor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pulses_IndicatorId",
                table: "Pulses",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Pulses_MissionId",
                table: "Pulses",
                column: "MissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseScores_RoundId_ActorType",
                table: "PulseScores",
                columns: new[] { "RoundId", "ActorType" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PulseLinks");

            migrationBuilder.DropTable(
                name: "PulseScores");

            migrationBuilder.DropTable(
                name: "PulseAnswers");

            migrationBuilder.DropTable(
                name: "PulseRounds");

            migrationBuilder.DropTable(
                name: "Pulses");

            migrationBuilder.DropIndex(
                name: "IX_Observations_IndicatorId_IsCurrent_EnteredAt",
                table: "Observations");
        }
    }
}
