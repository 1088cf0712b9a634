using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Scrubs secrets from any text that may leave the engine (trace lines, exception messages,
    /// response bodies kept for diagnostics). It knows the API key and every token issued, and also
    /// masks anything shaped like an Authorization header value, as a second line of defence.
    /// </summary>
    public sealed class Redactor
    {
        public const string Mask = "***";

        private static readonly Regex BearerPattern = new Regex(@"(?i)\b(bearer)\s+[A-Za-z0-9\-\._~\+/]+=*", RegexOptions.Compiled);
        private static readonly Regex TokenFieldPattern = new Regex(@"(?i)(""(?:accessToken|access_token|refreshToken|jti)""\s*:\s*"")[^""]*("")", RegexOptions.Compiled);

        private readonly object _gate = new object();
        private List<string> _secrets = new List<string>();

        public void AddSecret(string? secret)
        {
            // Very short values would mask ordinary words; real keys and tokens are long.
            if (string.IsNullOrEmpty(secret) || secret!.Length < 6) return;
            lock (_gate)
            {
                if (_secrets.Contains(secret)) return;
                // Copy-on-write so Redact never takes the lock.
                _secrets = new List<string>(_secrets) { secret };
            }
        }

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var result = text!;
            foreach (var secret in _secrets)
            {
                if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
                    result = result.Replace(secret, Mask);
            }
            result = BearerPattern.Replace(result, "$1 " + Mask);
            result = TokenFieldPattern.Replace(result, "$1" + Mask + "$2");
            return result;
        }
    }
}
