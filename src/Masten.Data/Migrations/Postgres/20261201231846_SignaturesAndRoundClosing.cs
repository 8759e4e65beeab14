using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masten.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SignaturesAndRoundClosing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosesOn",
                table: "SigningRounds",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureEnteredBy",
                table: "Commitments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosesOn",
                table: "SigningRounds");

            migrationBuilder.DropColumn(
                name: "SignatureEnteredBy",
                table: "Commitments");
        }
    }
}
