using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Retirement;

/// <summary>
/// 410 API_RETIRED for any call under a retired API, whatever its route, method or body: nothing is read,
/// validated or changed, as when Actito's gateway no longer routes the call.
/// </summary>
internal static class RetiredApiStage
{
    public static IApplicationBuilder UseRetiredApis(this IApplicationBuilder app, EmulatorCore core) =>
        app.Use(async (context, next) =>
        {
            if (core.State.RetiredApis.FirstOrDefault(api => api.Covers(context.Request)) is { } retired)
            {
                await new ApiError(StatusCodes.Status410Gone, "API_RETIRED", retired.Message).ToResult().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
