using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Hosting;

/// <summary>A JSON body read whole, up to a limit: the whole body is read before a refusal, so the client gets its answer rather than a reset connection.</summary>
internal static class BoundedBody
{
    /// <param name="tooLarge">The error answered when the body passes <paramref name="maxBytes"/>.</param>
    public static async Task<byte[]> ReadAsync(HttpContext context, long maxBytes, Func<ApiError> tooLarge)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[8192];
        var over = false;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            over |= kept.Length + read > maxBytes;
            if (!over)
            {
                kept.Write(buffer, 0, read);
            }
        }

        return over ? throw new ApiErrorException(tooLarge()) : kept.ToArray();
    }
}
