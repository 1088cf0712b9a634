using ActitoPS.Emulator.Auth;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.RequestLog;
using ActitoPS.Emulator.State;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ActitoPS.Emulator.Faults;

/// <summary>Injects the first matching fault. Runs before the limits and auth, so a fault hits whatever the request's credentials.</summary>
internal static class FaultStage
{
    private const int DefaultStatus = StatusCodes.Status503ServiceUnavailable;

    public static IApplicationBuilder UseFaults(this IApplicationBuilder app, EmulatorCore core) =>
        app.Use(async (context, next) =>
        {
            var fault = core.Faults.TryTake(context.Request.Method, context.Request.Path.Value ?? "");
            if (fault is null)
            {
                await next(context);
                return;
            }

            var trace = RequestTrace.Of(context);
            trace.Fault = fault.Describe();
            switch (fault.Kind)
            {
                case FaultKind.Latency:
                    // Served by the latency stage once the request holds a concurrency slot, as a slow server's request would.
                    trace.PendingLatencyMs = fault.LatencyMs;
                    await next(context);
                    break;
                case FaultKind.ExpireToken:
                    await Unauthorized.WriteAsync(context, Unauthorized.TokenExpired);
                    break;
                case FaultKind.Drop when !fault.AfterApply:
                    trace.StatusOverride = 0;
                    trace.LogNow();
                    context.Abort();
                    break;
                case FaultKind.Status when !fault.AfterApply:
                    await WriteInjectedStatusAsync(context, fault);
                    break;
                default:
                    await HandleThenOverrideAsync(context, next, fault, trace);
                    break;
            }
        });

    /// <summary>Waits out a latency fault taken by the fault stage.</summary>
    public static IApplicationBuilder UseInjectedLatency(this IApplicationBuilder app, EmulatorCore core) =>
        app.Use(async (context, next) =>
        {
            if (RequestTrace.Of(context).PendingLatencyMs is { } latency)
            {
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, core.Stopping);
                await Task.Delay(TimeSpan.FromMilliseconds(latency), core.Time, cancel.Token);
            }

            await next(context);
        });

    /// <summary>The request is fully handled and its effects applied; only then is the real answer dropped or replaced.</summary>
    private static async Task HandleThenOverrideAsync(HttpContext context, RequestDelegate next, FaultSpec fault, RequestTrace trace)
    {
        var realBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using (var held = new BufferedResponseBody())
        {
            context.Features.Set<IHttpResponseBodyFeature>(held);
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(realBody);
            }
        }

        if (fault.Kind == FaultKind.Drop)
        {
            trace.StatusOverride = context.Response.StatusCode;
            trace.LogNow();
            context.Abort();
            return;
        }

        context.Response.Clear();
        await WriteInjectedStatusAsync(context, fault);
    }

    private static async Task WriteInjectedStatusAsync(HttpContext context, FaultSpec fault)
    {
        var status = fault.Status ?? DefaultStatus;
        if (fault.RetryAfter is not null)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = fault.RetryAfter;
        }

        if (status is < StatusCodes.Status200OK or StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            context.Response.StatusCode = status;
            return;
        }

        await MessageBody.WriteAsync(context, status, "Injected fault");
    }
}
