using System;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.Connection
{
    /// <summary>Connect-Actito: resolve the endpoint and the key, prove the key with a token, make the connection current.</summary>
    public static class ConnectOperation
    {
        public static ActitoConnection Run(ConnectRequest request, IActitoHost host, CancellationToken cancellationToken, ActitoConnectionOptions? options = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (host == null) throw new ArgumentNullException(nameof(host));

            Uri baseUri;
            if (request.BaseUri != null && request.Environment.HasValue)
                throw new ArgumentException("Give either -Environment or -BaseUri, not both.");
            if (request.BaseUri != null) baseUri = ActitoEndpoint.FromUri(request.BaseUri);
            else if (request.Environment.HasValue) baseUri = ActitoEndpoint.FromEnvironment(request.Environment.Value);
            else throw new ArgumentException("Say where the licence lives: -Environment (Api, Api1, Api3, Preprod, Test) or -BaseUri.");

            var key = ApiKeyResolver.Resolve(request.ApiKey, request.CredentialUserName, request.CredentialPassword, request.ReadEnvironment);
            options = options ?? new ActitoConnectionOptions();
            if (request.MaxConcurrentRequests.HasValue) options.MaxConcurrentRequests = request.MaxConcurrentRequests.Value;
            if (request.CallsPerMinute.HasValue) options.CallsPerMinute = request.CallsPerMinute.Value;
            if (request.ProfileApi.HasValue) options.ProfileApi = request.ProfileApi.Value;
            if (request.TimeoutSec.HasValue)
            {
                if (request.TimeoutSec.Value < 1) throw new ArgumentException("-TimeoutSec must be at least 1 second.");
                options.Retry.AttemptTimeout = TimeSpan.FromSeconds(request.TimeoutSec.Value);
            }

            host.WriteVerbose($"Connecting to entity '{request.Entity}' on {baseUri} with the API key from {key.Source}.");
            var traces = new TraceQueue();
            try
            {
                // Task.Run: no caller's synchronization context can deadlock the wait.
                var connection = Task.Run(() => ActitoConnection.ConnectAsync(request.Entity, baseUri, key, options, traces.Listener, cancellationToken))
                    .GetAwaiter().GetResult();
                ActitoSession.SetCurrent(connection);
                return connection;
            }
            finally
            {
                traces.FlushTo(host);
            }
        }
    }
}
