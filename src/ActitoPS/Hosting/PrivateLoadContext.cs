using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace ActitoPS.Hosting
{
    /// <summary>
    /// PowerShell 7's half of <see cref="DependencyResolver"/>: a module-private AssemblyLoadContext holding the
    /// Dependencies folder's assemblies that the .NET runtime does not ship itself (CsvHelper, Microsoft.Bcl.*), and
    /// handing them to the module's assemblies in the default context when the default context cannot bind them.
    /// </summary>
    /// <remarks>
    /// Why reflection: the module is one netstandard2.0 assembly so that Windows PowerShell 5.1 loads the very same
    /// file, and netstandard2.0 cannot name AssemblyLoadContext. A second assembly targeting .NET could, but it would
    /// be a second file to ship, load and keep in step for the sake of a few calls; the constructor (string, bool),
    /// LoadFromAssemblyPath, Default and the Resolving event are all public since .NET Core 3.0 (PowerShell 7.0).
    ///
    /// Why load eagerly instead of overriding Load: reflection cannot subclass, and a plain context's Load answers
    /// nothing, so a reference from inside it (CsvHelper's to Microsoft.Bcl.AsyncInterfaces) would fall back to the
    /// default context first and take whatever another module or the host put there. A context looks at the
    /// assemblies it already holds before anything else, so loading ours into it up front is what makes them win.
    /// Loading only maps the files; no type is loaded until used.
    ///
    /// Why the runtime's own assemblies are left out (System.Memory, System.Buffers, Unsafe, Microsoft.CSharp, ...):
    /// the runtime ships newer ones, the netstandard2.0 builds in Dependencies exist for .NET Framework only, and Span
    /// or Task types must be the runtime's so that they mean the same on both sides of a call.
    ///
    /// Why ActitoPS.Core lives here too (from Dependencies): with Core in the default context, its reference to
    /// CsvHelper would be bound there first, and a CsvHelper newer than ours that another module loaded would answer
    /// with no event to intercept. Inside this context Core's references find ours first. It can only live here
    /// because nothing loads Core while PowerShell lists the cmdlet assembly's types, before
    /// <see cref="DependencyResolver.OnImport"/> runs: an enum-typed parameter's field needs its type to lay the class
    /// out, so the parameter enums (ActitoEnvironment, ActitoProfileApi, EtlMode) are declared in ActitoPS.dll, not
    /// in Core. The cost: PowerShell resolves [ActitoPS.Core.…] type literals in scripts only from the default context,
    /// so scripts cannot name Core's types (the cmdlets' parameters never need them).
    /// </remarks>
    internal sealed class PrivateLoadContext
    {
        internal const string ContextName = "ActitoPS";

        private static readonly Type? ContextType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);
        private static readonly ConstructorInfo? Constructor = ContextType?.GetConstructor(new[] { typeof(string), typeof(bool) });

        private readonly object _context;
        private readonly object _defaultContext;
        private readonly MethodInfo _loadFromAssemblyPath;
        private readonly EventInfo _resolving;
        private readonly Delegate _defaultResolving;
        private readonly string _moduleDirectory;
        private readonly string _dependencyDirectory;
        private readonly Dictionary<string, Assembly> _loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private bool _attached;

        /// <summary>Whether this runtime has load contexts: .NET (PowerShell 7), not .NET Framework (Windows PowerShell 5.1).</summary>
        internal static bool IsSupported => Constructor != null;

        internal PrivateLoadContext(string moduleDirectory, string dependencyDirectory)
        {
            var type = ContextType!;
            _moduleDirectory = moduleDirectory;
            _dependencyDirectory = dependencyDirectory;
            _loadFromAssemblyPath = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
            _resolving = type.GetEvent("Resolving")!;
            _defaultContext = type.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            // Not collectible: PowerShell never unloads a module's assemblies, and collectible ones have restrictions.
            _context = Constructor!.Invoke(new object[] { ContextName, false });

            // Resolving is a Func<AssemblyLoadContext, AssemblyName, Assembly?>; delegate binding accepts a method whose
            // first parameter is object, so the handlers need not name the type either.
            _defaultResolving = Handler(nameof(ResolveForDefault));
            _resolving.AddEventHandler(_context, Handler(nameof(ResolveForPrivate)));

            var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
            foreach (var file in Directory.GetFiles(dependencyDirectory, "*.dll"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (File.Exists(Path.Combine(runtimeDirectory, name + ".dll"))) continue;
                _loaded[name] = LoadInto(_context, file);
            }
        }

        /// <summary>Lets the default context ask for what this context holds.</summary>
        internal void Attach()
        {
            if (_attached) return;
            _resolving.AddEventHandler(_defaultContext, _defaultResolving);
            _attached = true;
        }

        internal void Detach()
        {
            if (!_attached) return;
            _resolving.RemoveEventHandler(_defaultContext, _defaultResolving);
            _attached = false;
        }

        private Delegate Handler(string method) =>
            Delegate.CreateDelegate(_resolving.EventHandlerType!, this, typeof(PrivateLoadContext).GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic)!);

        private static Assembly LoadInto(object context, MethodInfo loadFromAssemblyPath, string path)
        {
            try
            {
                return (Assembly)loadFromAssemblyPath.Invoke(context, new object[] { path })!;
            }
            catch (TargetInvocationException wrapped) when (wrapped.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
                throw;
            }
        }

        private Assembly LoadInto(object context, string path) => LoadInto(context, _loadFromAssemblyPath, path);

        // Raised by the default context for a name that neither it, PowerShell's folder nor an earlier handler
        // answered, or that it holds only at a lower version: ActitoPS.Core's reference to CsvHelper. Only the exact
        // assembly held here is handed over (name, version, token), so another module's request for another version
        // still reaches that module's own resolver.
        private Assembly? ResolveForDefault(object context, AssemblyName requested)
        {
            if (requested.Name == null || !_loaded.TryGetValue(requested.Name, out var held)) return null;
            var heldName = held.GetName();
            return requested.Version == heldName.Version && DependencyResolver.Accepts(requested, heldName) ? held : null;
        }

        // Raised by this context after the default context could not answer either: a runtime assembly older than a
        // dependency asks for (the shipped copy, same or newer, then loads here), or an assembly of the module's root
        // such as Newtonsoft.Json in a host that does not ship it (it then loads into the default context, shared as
        // PowerShell shares its own, or here when the default context already holds an older one).
        private Assembly? ResolveForPrivate(object context, AssemblyName requested)
        {
            var dependency = DependencyResolver.Find(requested, _dependencyDirectory);
            if (dependency != null) return LoadInto(_context, dependency);
            var beside = DependencyResolver.Find(requested, _moduleDirectory);
            if (beside == null) return null;
            try
            {
                return LoadInto(_defaultContext, beside);
            }
            catch (FileLoadException)
            {
                return LoadInto(_context, beside);
            }
        }
    }
}
