using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StampNotificationsAndIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckIns_InitiativeId_Date",
                table: "CheckIns");

            migrationBuilder.CreateTable(
                name: "DataStamps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataStamps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CauseKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MissionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Context = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationSettings",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    UsedLanguage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: false),
                    Weekday = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kinds = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    LastDigestPeriod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationSettings", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_NotificationSettings_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DataStamps",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_InitiativeId_Date_Id_Status",
                table: "CheckIns",
                columns: new[] { "InitiativeId", "Date", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CauseKey",
                table: "Notifications",
                columns: new[] { "UserId", "CauseKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataStamps");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "NotificationSettings");

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
