using System;

namespace ActitoPS.Core.Http
{
    internal sealed class AccessToken
    {
        public AccessToken(string value, DateTimeOffset issuedAt, TimeSpan lifetime)
        {
            Value = value;
            IssuedAt = issuedAt;
            Lifetime = lifetime;
        }

        public string Value { get; }

        public DateTimeOffset IssuedAt { get; }

        public TimeSpan Lifetime { get; }

        public DateTimeOffset ExpiresAt => IssuedAt + Lifetime;

        /// <summary>
        /// Renewed a little before it ends so that a call started just before expiry doesn't arrive
        /// with a dead token: a tenth of its life, at most a minute.
        /// </summary>
        public DateTimeOffset RenewAt => ExpiresAt - TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, Lifetime.Ticks / 10));

        public override string ToString() => "***";
    }
}
