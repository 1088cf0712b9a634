using System.Diagnostics;
using ActitoPS.Emulator.Auth;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.RequestLog;

/// <summary>The outermost stage of API calls: one log entry per request, whatever became of it.</summary>
internal static class RequestLogStage
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, EmulatorCore core) =>
        app.Use(async (context, next) =>
        {
            var trace = new RequestTrace();
            context.Features.Set(trace);
            var request = context.Request;
            var sequence = core.Journal.NextSequence();
            var startedAt = core.Time.GetUtcNow();
            var start = Stopwatch.GetTimestamp();
            var authorization = AuthorizationKinds.Of(request.Headers.Authorization);
            var logged = 0;

            void Log()
            {
                if (Interlocked.Exchange(ref logged, 1) != 0)
                {
                    return;
                }

                core.Journal.Add(new RequestLogEntry(
                    sequence,
                    startedAt,
                    request.Method,
                    request.Path.Value ?? "",
                    request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
                    trace.StatusOverride ?? context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds,
                    trace.Fault,
                    trace.Limit,
                    authorization));
            }

            trace.LogNow = Log;

            // Logged as the response starts, so a client that has its answer also finds it in the log.
            context.Response.OnStarting(() =>
            {
                Log();
                return Task.CompletedTask;
            });

            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                trace.StatusOverride ??= 0;
            }
            catch (OperationCanceledException) when (core.Stopping.IsCancellationRequested && !context.Response.HasStarted)
            {
                await MessageBody.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The emulator is stopping");
            }
            finally
            {
                Log();
            }
        });
}
