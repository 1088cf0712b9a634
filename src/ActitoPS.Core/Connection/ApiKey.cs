using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ActitoPS.Core.Connection
{
    /// <summary>
    /// The API key, kept out of reach of anything that prints: ToString never shows it, and the
    /// value is only read by the token request.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly string _value;

        public ApiKey(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("The API key is empty.", nameof(value));
            _value = value.Trim();
        }

        internal string Reveal() => _value;

        public override string ToString() => "***";

        public static ApiKey FromSecureString(SecureString secure)
        {
            if (secure == null) throw new ArgumentNullException(nameof(secure));
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return new ApiKey(Marshal.PtrToStringUni(pointer) ?? string.Empty);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
