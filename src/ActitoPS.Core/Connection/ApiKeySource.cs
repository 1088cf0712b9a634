using System;
using System.Security;

namespace ActitoPS.Core.Connection
{
    /// <summary>Where the key came from, said in every connection so that a runbook's logs tell
    /// which credential was used without ever showing it.</summary>
    public sealed class ResolvedApiKey
    {
        public ResolvedApiKey(ApiKey key, string source)
        {
            Key = key;
            Source = source;
        }

        public ApiKey Key { get; }

        public string Source { get; }
    }

    public static class ApiKeyResolver
    {
        public const string EnvironmentVariable = "ACTITO_API_KEY";

        /// <param name="apiKey">-ApiKey, when given.</param>
        /// <param name="credentialUserName">-Credential's user name, when a credential is given.</param>
        /// <param name="credentialPassword">-Credential's password: Azure Automation credential assets carry the key there.</param>
        /// <param name="readEnvironment">Reads an environment variable (injectable for tests).</param>
        public static ResolvedApiKey Resolve(SecureString? apiKey, string? credentialUserName, SecureString? credentialPassword, Func<string, string?> readEnvironment)
        {
            if (readEnvironment == null) throw new ArgumentNullException(nameof(readEnvironment));
            if (apiKey != null && credentialPassword != null)
                throw new ArgumentException("Give the API key either as -ApiKey or as -Credential, not both.");

            if (apiKey != null)
            {
                if (apiKey.Length == 0) throw new ArgumentException("-ApiKey is empty.");
                return new ResolvedApiKey(ApiKey.FromSecureString(apiKey), "-ApiKey parameter");
            }

            if (credentialPassword != null)
            {
                if (credentialPassword.Length == 0)
                    throw new ArgumentException($"The password of credential '{credentialUserName}' is empty: it must hold the Actito API key.");
                var who = string.IsNullOrEmpty(credentialUserName) ? "-Credential" : $"-Credential '{credentialUserName}'";
                return new ResolvedApiKey(ApiKey.FromSecureString(credentialPassword), who);
            }

            var fromEnvironment = readEnvironment(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
                return new ResolvedApiKey(new ApiKey(fromEnvironment!), $"environment variable {EnvironmentVariable}");

            throw new ArgumentException($"No API key: pass -ApiKey or -Credential (its password is the key), or set the {EnvironmentVariable} environment variable.");
        }
    }
}
