using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.RequestLog;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Limits;

/// <summary>The licence limits: refuse the request over maxConcurrentRequests, slow the one over callsPerMinute.</summary>
internal static class LimitsStage
{
    public static IApplicationBuilder UseLicenceLimits(this IApplicationBuilder app, EmulatorCore core) =>
        app.Use(async (context, next) =>
        {
            var trace = RequestTrace.Of(context);
            if (!core.Gate.TryEnter())
            {
                trace.Limit = string.Create(CultureInfo.InvariantCulture,
                    $"refused: over maxConcurrentRequests ({core.Settings.Current.MaxConcurrentRequests})");
                await MessageBody.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many concurrent requests");
                return;
            }

            var released = 0;
            void Release()
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    core.Gate.Exit();
                }
            }

            // Freed before the first byte goes out: a client that has its answer may send the next request at once.
            context.Response.OnStarting(() =>
            {
                Release();
                return Task.CompletedTask;
            });

            try
            {
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, core.Stopping);
                var held = await core.Rate.WaitForRoomAsync(cancel.Token);
                if (held > TimeSpan.Zero)
                {
                    trace.Limit = string.Create(CultureInfo.InvariantCulture, $"slowed {held.TotalMilliseconds:0} ms by callsPerMinute");
                }

                await next(context);
            }
            finally
            {
                Release();
            }
        });
}
