using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace ActitoPS.Hosting
{
    /// <summary>
    /// Makes the module's engine and dependencies (ActitoPS.Core, CsvHelper and what it pulls in, in the Dependencies folder) load beside a
    /// session that already holds other versions of them, after Microsoft's "Resolving PowerShell module assembly
    /// dependency conflicts":
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET): they load into a module-private AssemblyLoadContext (<see cref="PrivateLoadContext"/>),
    /// ActitoPS.Core with them, handed to the cmdlets by exact name and version; Core's own references are bound inside
    /// that context first, so another CsvHelper in the session, older or newer, never answers for ours.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework, no load contexts): an AssemblyResolve handler loads them from the
    /// folder. 5.1 applies no binding redirects for a module, so a reference to System.Runtime.CompilerServices.Unsafe
    /// 4.0.4.0 must be answered with the shipped 4.0.4.1: a shipped file of the same or a newer version is accepted;
    /// an older one never is. LoadFrom, not LoadFile: LoadFile would load a second copy of an assembly already loaded
    /// from that path, and would not probe the assembly's own references beside it.</item>
    /// </list>
    /// Newtonsoft.Json stays in the module's root, in the host's context: it is shared with the host (PowerShell 7.2+
    /// ships 13.0.x). PowerShell lists the cmdlets before <see cref="OnImport"/> runs, and lays out their classes
    /// (enum-typed parameters included): so no type of Core or of Dependencies appears in a cmdlet's enum parameters,
    /// base class or attributes (the parameter enums live in ActitoPS.dll), and the listing needs nothing of the folder.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();

        // Imports not yet removed, across every runspace of the process: the handlers stay while any session has the
        // module, as one runspace's Remove-Module must not take them from another's.
        private static int _imports;
        private static PrivateLoadContext? _context;

        /// <summary>The module's folder: ActitoPS.dll, Newtonsoft.Json.dll, the manifest.</summary>
        public static string ModuleDirectory => Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".";

        /// <summary>The folder the module's dependencies ship in, beside ActitoPS.dll.</summary>
        public static string DependencyDirectory => Path.Combine(ModuleDirectory, "Dependencies");

        /// <summary>The name of the load context CsvHelper lives in on PowerShell 7; null on Windows PowerShell 5.1.</summary>
        public static string? LoadContextName => PrivateLoadContext.IsSupported ? PrivateLoadContext.ContextName : null;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_imports++ > 0) return;
                if (PrivateLoadContext.IsSupported)
                {
                    // One context per process, kept after Remove-Module: its assemblies cannot be unloaded, and ActitoPS.Core
                    // stays bound to the CsvHelper it got from it.
                    _context ??= new PrivateLoadContext(ModuleDirectory, DependencyDirectory);
                    _context.Attach();
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                }
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (_imports == 0 || --_imports > 0) return;
                if (_context != null)
                {
                    _context.Detach();
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                }
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
            return Find(requested, directory);
        }

        /// <summary>The shipped file that answers <paramref name="requested"/>, or null.</summary>
        internal static string? Find(AssemblyName requested, string directory)
        {
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

        // Windows PowerShell 5.1 only. Called after the LoadFrom context's own probing failed: ActitoPS.Core for the
        // cmdlets (it ships in Dependencies), CsvHelper or a support assembly at a version the shipped file does not carry
        // exactly, or Newtonsoft.Json for Core (it ships in the root, where probing from Dependencies does not look).
        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var path = Locate(args.Name);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>Where Windows PowerShell 5.1's handler finds an assembly: Dependencies first, then the module's root.</summary>
        public static string? Locate(string requestedName) => Find(requestedName, DependencyDirectory) ?? Find(requestedName, ModuleDirectory);
    }
}
