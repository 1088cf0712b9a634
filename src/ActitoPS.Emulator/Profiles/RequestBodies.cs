using System.Text.Json;
using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

internal static class RequestBodies
{
    /// <returns>The parsed body, or null when the body is empty.</returns>
    /// <exception cref="ApiErrorException">The body is not JSON.</exception>
    public static async Task<JsonDocument?> ReadJsonOrEmptyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            throw new ApiErrorException(ApiError.BadRequest("INVALID_JSON", $"The request body is not valid JSON: {ex.Message}"));
        }
    }

    /// <exception cref="ApiErrorException">The body is empty or not JSON.</exception>
    public static async Task<JsonDocument> ReadJsonAsync(HttpContext context) =>
        await ReadJsonOrEmptyAsync(context)
        ?? throw new ApiErrorException(ApiError.BadRequest("INVALID_JSON", "The request body is empty; a JSON object is expected."));
}
