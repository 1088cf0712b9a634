using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Http;
using ActitoPS.Core.Time;

namespace ActitoPS.Core.Connection
{
    /// <summary>
    /// One licence's entity on one Actito environment, with its own HttpClient and handler chain:
    /// retry → auth → rate limit → attempt timeout → tracing → socket. Holds no secret a caller can read.
    /// </summary>
    public sealed class ActitoConnection : IDisposable
    {
        private readonly HttpMessageHandler _primary;
        private readonly HttpClient _http;
        private readonly HttpMessageInvoker _tokenInvoker;
        private readonly TokenProvider _tokens;
        private int _disposed;

        private ActitoConnection(string entity, Uri baseUri, ResolvedApiKey key, ActitoConnectionOptions options)
        {
            Entity = entity;
            BaseUri = baseUri;
            Environment = ActitoEndpoint.NameOf(baseUri);
            CredentialSource = key.Source;
            MaxConcurrentRequests = options.MaxConcurrentRequests;
            CallsPerMinute = options.CallsPerMinute;
            ProfileApi = options.ProfileApi;
            Clock = options.Clock;
            ConnectedAt = Clock.UtcNow;
            Redactor = new Redactor();
            Trace = new TraceHub(Redactor);
            Limiter = new RateLimiter(options.MaxConcurrentRequests, options.CallsPerMinute, Clock);

            var random = options.Random ?? CreateRandom();
            _primary = options.PrimaryHandlerFactory?.Invoke() ?? new HttpClientHandler();

            // The token call shares the licence's limits and retries, but must not ask itself for a token.
            _tokenInvoker = new HttpMessageInvoker(Chain(
                new RetryHandler(options.Retry, Clock, random, Trace),
                new RateLimitHandler(Limiter, Trace),
                new AttemptTimeoutHandler(options.Retry.AttemptTimeout),
                new TracingHandler(Trace)), disposeHandler: false);
            _tokens = new TokenProvider(_tokenInvoker, baseUri, key.Key, key.Source, Clock, Redactor, Trace);

            _http = new HttpClient(Chain(
                new RetryHandler(options.Retry, Clock, random, Trace),
                new AuthenticationHandler(_tokens, Trace),
                new RateLimitHandler(Limiter, Trace),
                new AttemptTimeoutHandler(options.Retry.AttemptTimeout),
                new TracingHandler(Trace)), disposeHandler: false)
            {
                // Each attempt has its own timeout in the retry handler; the client-wide one would cut retries short.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "ActitoPS/" + typeof(ActitoConnection).Assembly.GetName().Version);
            Api = new ActitoApiClient(_http, baseUri, Redactor);
            ProfileTables = Profiles.ProfileTableCache.For(this);
            CustomTables = new CustomTables.CustomTableCache(this);
        }

        public string Entity { get; }

        public Uri BaseUri { get; }

        /// <summary>Api, Api1, Api3, Preprod, Test, or Custom for any other base URI.</summary>
        public string Environment { get; }

        /// <summary>Where the API key was read from (never the key itself).</summary>
        public string CredentialSource { get; }

        public DateTimeOffset ConnectedAt { get; }

        public DateTimeOffset? TokenExpiresAt => _tokens.Current?.ExpiresAt;

        public int MaxConcurrentRequests { get; }

        public int CallsPerMinute { get; }

        /// <summary>The profile API version the profile cmdlets speak on this connection.</summary>
        public ActitoProfileApi ProfileApi { get; }

        /// <summary>The entity's profile tables, read once and kept (Get-ActitoProfileTable -Refresh reads again).</summary>
        internal Hosting.TableCache<Profiles.ProfileTable> ProfileTables { get; }

        /// <summary>The entity's custom tables, read once and kept (Get-ActitoCustomTable -Refresh reads again).</summary>
        internal CustomTables.CustomTableCache CustomTables { get; }

        internal ActitoApiClient Api { get; }

        internal TraceHub Trace { get; }

        internal Redactor Redactor { get; }

        internal RateLimiter Limiter { get; }

        internal IClock Clock { get; }

        internal TokenProvider Tokens => _tokens;

        internal bool IsDisposed => _disposed != 0;

        /// <exception cref="InvalidOperationException">Disconnect-Actito closed this connection.</exception>
        internal void EnsureOpen()
        {
            if (IsDisposed) throw new InvalidOperationException($"The connection to '{Entity}' was closed by Disconnect-Actito: run Connect-Actito again.");
        }

        /// <summary>Builds the connection and proves the key by fetching a first token.</summary>
        public static async Task<ActitoConnection> ConnectAsync(string entity, Uri baseUri, ResolvedApiKey key, ActitoConnectionOptions? options = null,
            Action<string>? trace = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(entity)) throw new ArgumentException("The entity name is empty.", nameof(entity));
            if (key == null) throw new ArgumentNullException(nameof(key));
            options = options ?? new ActitoConnectionOptions();
            options.Validate();
            TlsPolicy.EnsureTls12();
            var connection = new ActitoConnection(entity.Trim(), ActitoEndpoint.FromUri(baseUri), key, options);
            var subscription = trace == null ? null : connection.Trace.Subscribe(trace);
            try
            {
                await connection._tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            finally
            {
                subscription?.Dispose();
            }
        }

        /// <summary>The path of an entity-scoped resource, with the entity escaped once here.</summary>
        internal string EntityPath(string format) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Uri.EscapeDataString(Entity));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _http.Dispose();
            _tokenInvoker.Dispose();
            // Both chains end on this one socket handler, so neither disposes it; the delegating
            // handlers in front of it hold nothing that needs disposing.
            _primary.Dispose();
        }

        public override string ToString() => $"{Entity} on {BaseUri}";

        private static Func<double> CreateRandom()
        {
            var random = new Random();
            var gate = new object();
            return () => { lock (gate) return random.NextDouble(); };
        }

        private HttpMessageHandler Chain(params DelegatingHandler[] handlers)
        {
            HttpMessageHandler inner = _primary;
            for (var i = handlers.Length - 1; i >= 0; i--)
            {
                handlers[i].InnerHandler = inner;
                inner = handlers[i];
            }
            return inner;
        }
    }
}
