using System;
using System.Security;

namespace ActitoPS.Core.Connection
{
    /// <summary>Connect-Actito's parameters, as Core receives them.</summary>
    public sealed class ConnectRequest
    {
        public ConnectRequest(string entity) => Entity = entity;

        public string Entity { get; }

        public ActitoEnvironment? Environment { get; set; }

        public Uri? BaseUri { get; set; }

        public SecureString? ApiKey { get; set; }

        public string? CredentialUserName { get; set; }

        public SecureString? CredentialPassword { get; set; }

        public int? MaxConcurrentRequests { get; set; }

        public int? CallsPerMinute { get; set; }

        /// <summary>How long one attempt may wait for Actito's answer before it is abandoned and retried.</summary>
        public int? TimeoutSec { get; set; }

        public ActitoProfileApi? ProfileApi { get; set; }

        /// <summary>Reads an environment variable; injectable so tests don't touch the real environment.</summary>
        public Func<string, string?> ReadEnvironment { get; set; } = System.Environment.GetEnvironmentVariable;
    }
}
