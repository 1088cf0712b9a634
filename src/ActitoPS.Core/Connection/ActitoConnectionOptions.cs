using System;
using System.Net.Http;
using ActitoPS.Core.Http;
using ActitoPS.Core.Time;

namespace ActitoPS.Core.Connection
{
    public sealed class ActitoConnectionOptions
    {
        /// <summary>Actito answers 429 to a sixth concurrent request of a licence.</summary>
        public int MaxConcurrentRequests { get; set; } = 5;

        /// <summary>Actito slows a licence past 100 calls a minute.</summary>
        public int CallsPerMinute { get; set; } = 100;

        public RetryOptions Retry { get; set; } = new RetryOptions();

        /// <summary>The profile API version the profile cmdlets speak.</summary>
        public ActitoProfileApi ProfileApi { get; set; } = ActitoProfileApi.V4;

        public IClock Clock { get; set; } = SystemClock.Instance;

        /// <summary>The innermost handler; tests swap it, everyone else gets a plain HttpClientHandler.</summary>
        public Func<HttpMessageHandler>? PrimaryHandlerFactory { get; set; }

        /// <summary>Jitter source in [0, 1); injectable so back-off can be tested exactly.</summary>
        public Func<double>? Random { get; set; }

        internal void Validate()
        {
            if (MaxConcurrentRequests < 1)
                throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), MaxConcurrentRequests, "At least one request must be allowed in flight.");
            if (CallsPerMinute < 0)
                throw new ArgumentOutOfRangeException(nameof(CallsPerMinute), CallsPerMinute, "Calls per minute must be 0 (no limit) or more.");
            Retry.Validate();
        }
    }
}
