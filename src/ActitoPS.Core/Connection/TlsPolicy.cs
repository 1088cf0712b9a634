using System.Net;
using System.Runtime.InteropServices;

namespace ActitoPS.Core.Connection
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, where HttpClient follows
    /// ServicePointManager.SecurityProtocol; on hosts without the strong-crypto registry settings that
    /// still lacks TLS 1.2, and the handshake with Actito fails. TLS 1.2 is added (nothing is removed).
    /// On .NET Core and later the OS decides and the setting is ignored, so nothing is changed there.
    /// </summary>
    internal static class TlsPolicy
    {
        public static void EnsureTls12()
        {
            if (!IsNetFramework(RuntimeInformation.FrameworkDescription)) return;
            var current = ServicePointManager.SecurityProtocol;
            // 0 is SystemDefault (4.7+ with the right settings): the OS already offers TLS 1.2.
            if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
        }

        internal static bool IsNetFramework(string frameworkDescription) =>
            frameworkDescription.StartsWith(".NET Framework", System.StringComparison.OrdinalIgnoreCase);
    }
}
