using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Journeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Journeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StallAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedIndicatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Journeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Journeys_Indicators_StartedIndicatorId",
                        column: x => x.StartedIndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Journeys_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JourneyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneyVersions_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JourneySteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JourneyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NeedsConfirmation = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsStarted = table.Column<bool>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MovedToStepId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneySteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneySteps_JourneySteps_MovedToStepId",
                        column: x => x.MovedToStepId,
                        principalTable: "JourneySteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JourneySteps_Journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "Journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Participants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Cohort = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SizeClass = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NavigatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LeftReason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    NamedPublicly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CurrentStepId = table.Column<int>(type: "INTEGER", nullable: true),
                    CurrentStepOrder = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: -1),
                    LastStepOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastActivityOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Participants_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Participants_JourneySteps_CurrentStepId",
                        column: x => x.CurrentStepId,
                        principalTable: "JourneySteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Participants_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JourneyActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneyActivities_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NavigatorAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    NavigatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NavigatorAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NavigatorAssignments_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StepEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ByCompany = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedByUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersedesId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StepEvents_JourneySteps_StepId",
                        column: x => x.StepId,
                        principalTable: "JourneySteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StepEvents_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyActivities_ParticipantId_Date",
                table: "JourneyActivities",
                columns: new[] { "ParticipantId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_MissionId",
                table: "Journeys",
                column: "MissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_StartedIndicatorId",
                table: "Journeys",
                column: "StartedIndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_JourneySteps_JourneyId_Order",
                table: "JourneySteps",
                columns: new[] { "JourneyId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneySteps_MovedToStepId",
                table: "JourneySteps",
                column: "MovedToStepId");

            migrationBuilder.CreateIndex(
                name: "IX_JourneyVersions_MissionId_Number",
                table: "JourneyVersions",
                columns: new[] { "MissionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NavigatorAssignments_ParticipantId",
                table: "NavigatorAssignments",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Participants_ActorId",
                table: "Participants",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_Participants_CurrentStepId",
                table: "Participants",
                column: "CurrentStepId");

            migrationBuilder.CreateIndex(
                name: "IX_Participants_MissionId_ActorId",
                table: "Participants",
                columns: new[] { "MissionId", "ActorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Participants_MissionId_Cohort",
                table: "Participants",
                columns: new[] { "MissionId", "Cohort" });

            migrationBuilder.CreateIndex(
                name: "IX_Participants_MissionId_CurrentStepOrder",
                table: "Participants",
                columns: new[] { "MissionId", "CurrentStepOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_Participants_MissionId_NavigatorId",
                table: "Participants",
                columns: new[] { "MissionId", "NavigatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_StepEvents_ParticipantId_IsCurrent",
                table: "StepEvents",
                columns: new[] { "ParticipantId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_StepEvents_StepId",
                table: "StepEvents",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_StepEvents_SupersedesId",
                table: "StepEvents",
                column: "SupersedesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JourneyActivities");

            migrationBuilder.DropTable(
                name: "JourneyVersions");

            migrationBuilder.DropTable(
                name: "NavigatorAssignments");

            migrationBuilder.DropTable(
                name: "StepEvents");

            migrationBuilder.DropTable(
                name: "Participants");

            migrationBuilder.DropTable(
                name: "JourneySteps");

            migrationBuilder.DropTable(
                name: "Journeys");
        }
    }
}
