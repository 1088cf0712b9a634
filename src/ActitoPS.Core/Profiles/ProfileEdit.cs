using System.Collections.Generic;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// A profile read with Get-ActitoProfile and piped back: its id says which profile, and only the
    /// attributes whose value now differs from what was read are sent.
    /// </summary>
    public sealed class ProfileEdit
    {
        public ProfileEdit(ActitoProfile original, IEnumerable<KeyValuePair<string, object?>> current)
        {
            Original = original;
            Current = new List<KeyValuePair<string, object?>>(current);
        }

        public ActitoProfile Original { get; }

        /// <summary>The attribute values as the object holds them now.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Current { get; }
    }
}
