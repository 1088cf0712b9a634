using ActitoPS.Emulator.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// The multipart/form-data body of a one-shot execution: the <c>inputFile</c> part (streamed to a temporary
/// file) and the <c>oneshotEtl</c> part (a file part or a text part alike). Part names are case-sensitive,
/// as a Spring service's are; other parts are ignored. The whole body is read before anything is refused,
/// so the client always gets its answer rather than a connection closed mid-upload.
/// </summary>
internal sealed class EtlForm : IDisposable
{
    public const string InputFilePart = "inputFile";
    public const string DefinitionPart = "oneshotEtl";

    /// <summary>A definition is a few kilobytes; a megabyte is surely a wrong part.</summary>
    private const int MaxDefinitionBytes = 1024 * 1024;

    private EtlUpload? _upload;

    /// <summary>The first problem found, answered once the whole body has been read.</summary>
    private ApiError? _problem;

    /// <summary>The oneshotEtl part's bytes; null when the part is missing.</summary>
    public byte[]? Definition { get; private set; }

    public EtlUpload? Upload => _upload;

    /// <param name="trigger">
    /// For …/trigger-execution, which takes only inputFile (a definition part is ignored), and whose call without
    /// a file asks Actito to fetch it from the ETL's remote location.
    /// </param>
    /// <exception cref="ApiErrorException">400: not multipart/form-data (a JSON body is the remote-location form, not emulated), or a malformed body.</exception>
    public static async Task<EtlForm> ReadAsync(HttpContext context, bool trigger = false)
    {
        var boundary = Boundary(context.Request, trigger);

        // Actito takes files up to 100 MB, beyond Kestrel's default 30 MB body limit; the upload counts its own bytes.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        var form = new EtlForm();
        try
        {
            var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                await form.ReadPartAsync(section, context.RequestAborted);
            }

            return form._problem is { } problem ? throw new ApiErrorException(problem) : form;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            form.Dispose();
            throw Bad("INVALID_MULTIPART", $"The multipart/form-data body cannot be read: {ex.Message}");
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    /// <summary>Hands the upload over to the execution, which deletes it when done.</summary>
    public EtlUpload TakeUpload() => Interlocked.Exchange(ref _upload, null) ?? throw new InvalidOperationException("No upload to take.");

    public void Dispose() => Interlocked.Exchange(ref _upload, null)?.Dispose();

    private static string Boundary(HttpRequest request, bool trigger)
    {
        var parts = trigger ? $"the part {InputFilePart}" : $"the parts {InputFilePart} and {DefinitionPart}";
        if (trigger && string.IsNullOrEmpty(request.ContentType) && request.ContentLength is null or 0)
        {
            throw Bad("REMOTE_LOCATION_NOT_EMULATED",
                $"A trigger-execution call without a file asks Actito to fetch it from the ETL's remote (FTP) location, which the emulator does not emulate: push the file in the call, as multipart/form-data with {parts}.");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            throw Bad("INVALID_CONTENT_TYPE", $"Content-Type {AttributeQuote(request.ContentType)} is not multipart/form-data with {parts}.");
        }

        if (mediaType.MatchesMediaType("application/json") || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad("REMOTE_LOCATION_NOT_EMULATED", trigger
                ? $"A JSON body asks Actito to fetch the file from a remote (FTP) location, which the emulator does not emulate: push the file in the call, as multipart/form-data with {parts}."
                : $"A JSON body launches a one-shot execution on a file taken from a remote (FTPS) location, which the emulator does not emulate: send the file in the call, as multipart/form-data with {parts}.");
        }

        if (!mediaType.MatchesMediaType("multipart/form-data"))
        {
            throw Bad("INVALID_CONTENT_TYPE", $"Content-Type '{mediaType.MediaType}' is not multipart/form-data with {parts}.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        return string.IsNullOrEmpty(boundary) ? throw Bad("INVALID_MULTIPART", "The multipart/form-data Content-Type has no boundary.") : boundary;
    }

    private async Task ReadPartAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        // Both kinds count: the guide sends the definition as a file part, a text part is as good.
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !(disposition.IsFormDisposition() || disposition.IsFileDisposition()))
        {
            return;
        }

        switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
        {
            case InputFilePart when _upload is not null:
            case DefinitionPart when Definition is not null:
                // Left unread: the reader skips it on its way to the next part.
                _problem ??= ApiError.BadRequest("DUPLICATE_PART", $"The body holds the part {disposition.Name} more than once.");
                break;
            case InputFilePart:
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                _upload = new EtlUpload(string.IsNullOrEmpty(name) ? null : name);
                await _upload.ReceiveAsync(section.Body, cancellationToken);
                break;
            case DefinitionPart:
                Definition = await ReadDefinitionAsync(section.Body, cancellationToken);
                if (Definition.Length > MaxDefinitionBytes)
                {
                    _problem ??= ApiError.BadRequest("INVALID_DEFINITION", $"The {DefinitionPart} part is over 1 MB: it is not an ETL definition.", DefinitionPart);
                }

                break;
        }
    }

    /// <summary>At most one byte past the limit is kept (enough to tell it was passed); the rest is left to the reader to skip.</summary>
    private static async Task<byte[]> ReadDefinitionAsync(Stream body, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while (kept.Length <= MaxDefinitionBytes && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            kept.Write(buffer, 0, read);
        }

        return kept.ToArray();
    }

    private static string AttributeQuote(string? text) => text is null ? "(none)" : Profiles.AttributeValueParser.Quote(text);

    private static ApiErrorException Bad(string code, string message) => new(ApiError.BadRequest(code, message));
}
