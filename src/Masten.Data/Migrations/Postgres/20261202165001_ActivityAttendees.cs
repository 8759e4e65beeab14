using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActivityAttendees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_JourneyActivities_Participants_ParticipantId",
                table: "JourneyActivities");

            migrationBuilder.RenameColumn(
                name: "ParticipantId",
                table: "JourneyActivities",
                newName: "MissionId");

            migrationBuilder.RenameIndex(
                name: "IX_JourneyActivities_ParticipantId_Date",
                table: "JourneyActivities",
                newName: "IX_JourneyActivities_MissionId_Date");

            migrationBuilder.CreateTable(
                name: "ActivityAttendees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityAttendees_JourneyActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "JourneyActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivityAttendees_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Each existing activity keeps its one participant as its attendee: the renamed column still holds the
            // participant's id, so the attendee row is made from it, and the column then takes that participant's mission.
            migrationBuilder.Sql(@"INSERT INTO ""ActivityAttendees"" (""ActivityId"", ""ParticipantId"") SELECT ""Id"", ""MissionId"" FROM ""JourneyActivities"" ORDER BY ""Id"";");
            migrationBuilder.Sql(@"UPDATE ""JourneyActivities"" SET ""MissionId"" = (SELECT p.""MissionId"" FROM ""Participants"" p WHERE p.""Id"" = ""JourneyActivities"".""MissionId"");");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityAttendees_ActivityId_ParticipantId",
                table: "ActivityAttendees",
                columns: new[] { "ActivityId", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivityAttendees_ParticipantId",
                table: "ActivityAttendees",
                column: "ParticipantId");

            migrationBuilder.AddForeignKey(
                name: "FK_JourneyActivities_Missions_MissionId",
                table: "JourneyActivities",
                column: "MissionId",
                principalTable: "Missions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_JourneyActivities_Missions_MissionId",
                table: "JourneyActivities");

            // Back to one participant per activity: the first who attended (the others are lost).
            migrationBuilder.Sql(@"UPDATE ""JourneyActivities"" SET ""MissionId"" = (SELECT MIN(a.""ParticipantId"") FROM ""ActivityAttendees"" a WHERE a.""ActivityId"" = ""JourneyActivities"".""Id"");");

            migrationBuilder.DropTable(
                name: "ActivityAttendees");

            migrationBuilder.RenameColumn(
                name: "MissionId",
                table: "JourneyActivities",
                newName: "ParticipantId");

            migrationBuilder.RenameIndex(
                name: "IX_JourneyActivities_MissionId_Date",
                table: "JourneyActivities",
                newName: "IX_JourneyActivities_ParticipantId_Date");

            migrationBuilder.AddForeignKey(
                name: "FK_JourneyActivities_Participants_ParticipantId",
                table: "JourneyActivities",
                column: "ParticipantId",
                principalTable: "Participants",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
