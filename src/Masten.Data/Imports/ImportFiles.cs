using System.Data;
using Masten.Core.Imports;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Masten.Data.Imports;

/// <summary>
/// An import's file while it is read: a seekable stream (the caller's own, or a temporary file that is deleted when it is
/// closed), its length and its SHA-256. Never the whole file in memory.
/// </summary>
internal sealed class ImportFile(Stream content, long length, string sha256, bool owned) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;
    public string Sha256 { get; } = sha256;

    /// <summary>Back to the start, for the next pass over the file.</summary>
    public Stream Rewound()
    {
        Content.Position = 0;
        return Content;
    }

    public ValueTask DisposeAsync() => owned ? Content.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>A new temporary file, deleted when it is closed.</summary>
    public static FileStream Temporary() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

/// <summary>
/// How an import's file goes in and out, streamed in blocks: the upload into a temporary file (the size limit checked as it is
/// read, the hash computed on the way), and the kept file into and out of its database column (<c>Imports.Content</c>), so that
/// every web instance on one database reads the same file. SQLite writes and reads it through incremental blob I/O; PostgreSQL
/// sends it as a stream parameter and reads it with sequential access.
/// </summary>
internal static class ImportFiles
{
    private const int Block = 1 << 16;

    /// <summary>
    /// The file, read once to check its size and hash it: a seekable stream is used where it is; any other (a request body) is
    /// copied to a temporary file. Over <paramref name="maxBytes"/> throws <see cref="ImportFileException"/> (FileTooLarge) as soon as it is seen.
    /// </summary>
    public static async Task<ImportFile> OpenAsync(Stream file, long maxBytes, CancellationToken ct)
    {
        if (file.CanSeek)
        {
            var start = file.Position;
            var length = file.Length - start;
            if (length > maxBytes)
                throw TooLarge(length, maxBytes);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            if (start != 0)
            {
                // The reader reads from the start of its stream: copy what follows the position.
                file.Position = start;
                return await CopyAsync(file, maxBytes, ct);
            }
            file.Position = 0;
            return new ImportFile(file, length, sha, owned: false);
        }
        return await CopyAsync(file, maxBytes, ct);
    }

    private static async Task<ImportFile> CopyAsync(Stream from, long maxBytes, CancellationToken ct)
    {
        var copy = ImportFile.Temporary();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var chunk = new byte[Block];
            long total = 0;
            int read;
            while ((read = await from.ReadAsync(chunk, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                    throw TooLarge(total, maxBytes);
                hash.AppendData(chunk, 0, read);
                await copy.WriteAsync(chunk.AsMemory(0, read), ct);
            }
            copy.Position = 0;
            return new ImportFile(copy, total, Convert.ToHexStringLower(hash.GetHashAndReset()), owned: true);
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }

    public static ImportFileException TooLarge(long length, long maxBytes) =>
        new("FileTooLarge", $"The file is {length / 1024.0 / 1024:0.#} MB or more; the largest accepted is {maxBytes / 1024.0 / 1024:0.#} MB.");

    /// <summary>Writes the file into the import's row (in the context's transaction, if one is open), from its start, in blocks.</summary>
    public static async Task WriteAsync(MastenDbContext db, int importId, ImportFile file, CancellationToken ct)
    {
        var content = file.Rewound();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddParameter(command, "id", importId);
            if (connection is SqliteConnection sqlite)
            {
                // Room for the file first (zeroblob), then the bytes through SQLite's incremental blob I/O; the row id is the import's id.
                command.CommandText = """UPDATE "Imports" SET "Content" = zeroblob(@length) WHERE "Id" = @id""";
                AddParameter(command, "length", file.Length);
                await command.ExecuteNonQueryAsync(ct);
                if (file.Length == 0)
                    return;
                await using var blob = new SqliteBlob(sqlite, "Imports", "Content", importId);
                await content.CopyToAsync(blob, Block, ct);
                return;
            }
            // Npgsql sends a seekable stream as the bytea value in blocks of its write buffer.
            command.CommandText = """UPDATE "Imports" SET "Content" = @content WHERE "Id" = @id""";
            command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content, Size = checked((int)file.Length) });
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The kept file of an import as a temporary file (deleted when closed), read from its row in blocks; null when the row has no file.</summary>
    public static async Task<Stream?> ReadAsync(MastenDbContext db, int importId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = connection is SqliteConnection
                ? """SELECT length("Content") FROM "Imports" WHERE "Id" = @id"""
                : """SELECT "Content" FROM "Imports" WHERE "Id" = @id""";
            AddParameter(command, "id", importId);
            var copy = ImportFile.Temporary();
            try
            {
                if (!await CopyOutAsync(command, connection, importId, copy, ct))
                {
                    await copy.DisposeAsync();
                    return null;
                }
                copy.Position = 0;
                return copy;
            }
            catch
            {
                await copy.DisposeAsync();
                throw;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> CopyOutAsync(System.Data.Common.DbCommand command, System.Data.Common.DbConnection connection, int importId, Stream to, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            if (await command.ExecuteScalarAsync(ct) is not long length)
                return false;
            if (length > 0)
            {
                await using var blob = new SqliteBlob(sqlite, "Imports", "Content", importId, readOnly: true);
                await blob.CopyToAsync(to, Block, ct);
            }
            return true;
        }
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct) || await reader.IsDBNullAsync(0, ct))
            return false;
        await using var stream = reader.GetStream(0);
        await stream.CopyToAsync(to, Block, ct);
        return true;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
