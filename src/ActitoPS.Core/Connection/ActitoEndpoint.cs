using System;
using System.Net;

namespace ActitoPS.Core.Connection
{
    /// <summary>Turns an environment name or a user-given URI into the base URI every call is made against.</summary>
    public static class ActitoEndpoint
    {
        public static Uri FromEnvironment(ActitoEnvironment environment)
        {
            string host;
            switch (environment)
            {
                case ActitoEnvironment.Api: host = "api.actito.com"; break;
                case ActitoEnvironment.Api1: host = "api1.actito.com"; break;
                case ActitoEnvironment.Api3: host = "api3.actito.com"; break;
                case ActitoEnvironment.Preprod: host = "api-pre1.actito.com"; break;
                case ActitoEnvironment.Test: host = "apitest.actito.com"; break;
                default: throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown Actito environment.");
            }
            return new Uri("https://" + host + "/");
        }

        /// <summary>
        /// Accepts any https URI, and plain http only on loopback: the API key travels in a header,
        /// so it must never cross a network in clear text; the emulator is the one http peer.
        /// </summary>
        public static Uri FromUri(Uri baseUri)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            if (!baseUri.IsAbsoluteUri)
                throw new ArgumentException($"The base URI '{baseUri}' is not absolute: give a full URI such as https://api3.actito.com.", nameof(baseUri));
            if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
                throw new ArgumentException($"The base URI '{baseUri}' must not carry a query or a fragment.", nameof(baseUri));

            var scheme = baseUri.Scheme;
            if (scheme == Uri.UriSchemeHttp)
            {
                if (!IsLoopback(baseUri))
                    throw new ArgumentException(
                        $"The base URI '{baseUri}' uses plain http on a host that is not loopback. The API key would cross the network unencrypted: use https (plain http is only accepted for 127.0.0.1, [::1] or localhost, where the emulator runs).",
                        nameof(baseUri));
            }
            else if (scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"The base URI '{baseUri}' has scheme '{scheme}': only https (or http on loopback) is supported.", nameof(baseUri));
            }

            // A trailing slash makes relative API paths append to any path prefix instead of replacing its last segment.
            var text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        public static string NameOf(Uri baseUri)
        {
            foreach (ActitoEnvironment environment in Enum.GetValues(typeof(ActitoEnvironment)))
            {
                if (Uri.Compare(FromEnvironment(environment), baseUri, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                    return environment.ToString();
            }
            return "Custom";
        }

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }
    }
}
