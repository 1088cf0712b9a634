using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ActitoPS.Hosting
{
    /// <summary>Opens PowerShell's wrappers for Core's record converter, which knows no PowerShell type.</summary>
    internal static class PowerShellValues
    {
        /// <summary>
        /// A PSCustomObject (an Import-Csv row, ConvertFrom-Json output, Select-Object output) is its
        /// note properties; any other PSObject is its base object.
        /// </summary>
        public static object? Unwrap(object value)
        {
            if (!(value is PSObject wrapper)) return value;
            if (wrapper.BaseObject is PSCustomObject)
                return wrapper.Properties.Where(p => p.IsGettable).Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList();
            return wrapper.BaseObject;
        }
    }
}
