using System;
using System.Threading;

namespace ActitoPS.Core.Connection
{
    /// <summary>The connection cmdlets use when none is passed with -Connection.</summary>
    public static class ActitoSession
    {
        private static ActitoConnection? _current;

        public static ActitoConnection? Current => Volatile.Read(ref _current);

        public static void SetCurrent(ActitoConnection connection) =>
            Volatile.Write(ref _current, connection ?? throw new ArgumentNullException(nameof(connection)));

        /// <exception cref="InvalidOperationException">No connection was given and none is current.</exception>
        public static ActitoConnection Resolve(ActitoConnection? given)
        {
            var connection = given ?? Current
                ?? throw new InvalidOperationException("Not connected to Actito: run Connect-Actito first, or pass -Connection.");
            connection.EnsureOpen();
            return connection;
        }

        /// <summary>Closes the given connection (or the current one) and forgets it if it was current.</summary>
        /// <returns>The connection closed, or null when there was none.</returns>
        public static ActitoConnection? Disconnect(ActitoConnection? given)
        {
            var connection = given ?? Current;
            if (connection == null) return null;
            Interlocked.CompareExchange(ref _current, null, connection);
            connection.Dispose();
            return connection;
        }
    }
}
