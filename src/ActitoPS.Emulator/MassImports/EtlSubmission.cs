using System.Globalization;
using ActitoPS.Emulator.CustomTables;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// POST …/etl-executions (and, through <see cref="Admit"/>, …/etls/{etlId}/trigger-execution): every check that needs no reading of the CSV happens here, and a refused call
/// starts nothing and spends no import of the day. In order: the entity, the body's form and parts, the
/// definition, its destination and mapping, the file's size, a ZIP's content, then the daily quota.
/// </summary>
internal static class EtlSubmission
{
    public const string QuotaExceeded = "DAILY_IMPORT_QUOTA_EXCEEDED";

    public static async Task<IResult> SubmitAsync(HttpContext context, EmulatorCore core, string entity)
    {
        // One state for the whole call: a reset meanwhile must not split it across two.
        var state = core.State;
        var entityState = EtlLookup.FindEntity(state, entity);
        using var form = await EtlForm.ReadAsync(context);
        var definitionBytes = form.Definition
            ?? throw Bad("MISSING_DEFINITION", $"The body has no '{EtlForm.DefinitionPart}' part (the one-shot ETL definition, as a file or text).");
        var upload = form.Upload
            ?? throw Bad("MISSING_INPUT_FILE", $"The body has no '{EtlForm.InputFilePart}' part (the CSV file, or a GZIP or ZIP of it).");

        var definition = EtlDefinitionParser.Parse(definitionBytes);
        var target = EtlTarget.Resolve(entityState, definition);
        CheckFile(upload, "a one-shot execution takes a ZIP of exactly one CSV file");

        var now = core.Time.GetUtcNow();
        return Admit(context, core, state, [target], now, id =>
            EtlExecution.OneShot(id, entityState.Definition.Name, definition, target, form.TakeUpload(), now, core.Time.GetTimestamp()));
    }

    /// <summary>Spends an import of each table of the day and starts the execution; 201 with its id, or 429 over the quota (nothing spent).</summary>
    public static IResult Admit(HttpContext context, EmulatorCore core, EmulatorState state, IReadOnlyList<EtlTarget> targets, DateTimeOffset now, Func<long, EtlExecution> create)
    {
        var limit = core.Settings.Current.BulkImportsPerTablePerDay;
        var (execution, exhausted) = state.Etl.TryAdmit(targets, limit, now, create);
        if (execution is null)
        {
            return RefuseOverQuota(context, exhausted!, limit, now);
        }

        EtlRunner.Start(core, state, execution);
        context.Response.Headers.Location = EtlPaths.Execution(execution);
        return Results.Json(new SubmissionAnswer(execution.Id), EmulatorJson.Api, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The file's size, and that a ZIP is readable and (unless <paramref name="singleFile"/> is null) holds exactly one file.</summary>
    /// <param name="singleFile">Why the ZIP must hold one file, for the message; null when it may hold several.</param>
    public static void CheckFile(EtlUpload upload, string? singleFile)
    {
        if (upload.TooLarge)
        {
            throw Bad("FILE_TOO_LARGE", string.Create(CultureInfo.InvariantCulture,
                $"The inputFile is {upload.Length} bytes, more than Actito's limit of 100 MB ({EtlUpload.MaxBytes} bytes) for an import file."));
        }

        if (upload.Compression != EtlCompression.Zip)
        {
            return;
        }

        int files;
        try
        {
            files = upload.CountZipFiles();
        }
        catch (InvalidDataException ex)
        {
            throw Bad("INVALID_ARCHIVE", $"The inputFile starts as a ZIP but cannot be read as one: {ex.Message}");
        }

        if (singleFile is not null && files != 1)
        {
            throw Bad("INVALID_ARCHIVE", string.Create(CultureInfo.InvariantCulture,
                $"The ZIP holds {files} files: {singleFile}."));
        }
    }

    /// <summary>
    /// 429 like the concurrency limit's, told apart by its errorCode, with the moment the count starts again
    /// and Retry-After in seconds until then: retrying sooner cannot succeed.
    /// </summary>
    private static IResult RefuseOverQuota(HttpContext context, EtlTarget target, int limit, DateTimeOffset now)
    {
        var resetsAt = DailyImportQuota.NextReset(now);
        var seconds = Math.Max(1, (long)Math.Ceiling((resetsAt - now).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var kind = target.Type == EtlDestinationType.ProfileTable ? "Profile table" : "Custom table";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{kind} '{target.TableName}' has had its {limit} bulk imports for today (UTC): limits.bulkImportsPerTablePerDay. The next one is accepted from {CustomValues.FormatDate(resetsAt)}.");
        return Results.Json(new QuotaBody(QuotaExceeded, message, CustomValues.FormatDate(resetsAt)), EmulatorJson.Api, statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static ApiErrorException Bad(string code, string message) => new(ApiError.BadRequest(code, message));

    private sealed record SubmissionAnswer(long Id);

    private sealed record QuotaBody(string ErrorCode, string Message, string ResetsAt);
}
