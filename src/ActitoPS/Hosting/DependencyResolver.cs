using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace ActitoPS.Hosting
{
    /// <summary>
    /// Loads the module's own dependencies (CsvHelper and what it pulls in) from its Dependencies folder when the
    /// runtime finds them nowhere else. Windows PowerShell 5.1 applies no binding redirects for a module, so a
    /// reference to System.Runtime.CompilerServices.Unsafe 4.0.4.0 must be answered with the shipped 4.0.4.1: a
    /// shipped file of the same or a newer version is accepted; an older one never is. LoadFrom, not LoadFile, so
    /// the assembly's own references are probed beside it.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>The folder the module's dependencies ship in, beside ActitoPS.dll.</summary>
        public static string DependencyDirectory =>
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (!_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _registered = false;
            }
        }

        /// <summary>
        /// Whether a shipped assembly answers a request: the same name, the same public key token when the request
        /// names one, and a version the same as or newer than the one asked for.
        /// </summary>
        public static bool Accepts(AssemblyName requested, AssemblyName shipped)
        {
            if (!string.Equals(requested.Name, shipped.Name, StringComparison.OrdinalIgnoreCase)) return false;
            var wantedToken = requested.GetPublicKeyToken();
            if (wantedToken != null && wantedToken.Length > 0)
            {
                var token = shipped.GetPublicKeyToken();
                if (token == null || token.Length != wantedToken.Length) return false;
                for (var i = 0; i < token.Length; i++)
                {
                    if (token[i] != wantedToken[i]) return false;
                }
            }
            return requested.Version == null || (shipped.Version != null && shipped.Version >= requested.Version);
        }

        /// <summary>The shipped file that answers <paramref name="requestedName"/>, or null (the runtime then reports it missing).</summary>
        public static string? Find(string requestedName, string directory)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(requestedName);
            }
            catch (Exception bad) when (bad is ArgumentException || bad is FileLoadException)
            {
                return null;
            }
            if (string.IsNullOrEmpty(requested.Name) || requested.Name!.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) return null;
            var path = Path.Combine(directory, requested.Name + ".dll");
            if (!File.Exists(path)) return null;
            try
            {
                return Accepts(requested, AssemblyName.GetAssemblyName(path)) ? path : null;
            }
            catch (Exception unreadable) when (unreadable is BadImageFormatException || unreadable is IOException)
            {
                return null;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var path = Find(args.Name, DependencyDirectory);
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
