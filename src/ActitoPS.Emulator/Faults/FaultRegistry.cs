namespace ActitoPS.Emulator.Faults;

/// <summary>Faults waiting to be injected, in the order they were added; the first live match wins.</summary>
internal sealed class FaultRegistry
{
    private const string TokenPath = "/auth/token";

    private readonly Lock _gate = new();
    private readonly List<FaultSpec> _faults = [];
    private readonly Random _random;

    /// <param name="seed">Seeds the draws of faults with a <see cref="FaultSpec.Probability"/>; null: a random seed.</param>
    public FaultRegistry(int? seed = null) => _random = seed is { } s ? new Random(s) : new Random();

    /// <exception cref="ArgumentException">The fault cannot be injected as described.</exception>
    public void Add(FaultSpec fault)
    {
        Validate(fault);
        lock (_gate)
        {
            _faults.Add(fault.Clone());
        }
    }

    /// <summary>Live faults with their remaining counts.</summary>
    public IReadOnlyList<FaultSpec> List()
    {
        lock (_gate)
        {
            return _faults.Select(f => f.Clone()).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Consumes one count of the first fault matching the request.</summary>
    public FaultSpec? TryTake(string method, string path)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => Matches(f, method, path) && (f.Probability is not { } p || _random.NextDouble() < p));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            fault.Count--;
            if (fault.Count <= 0)
            {
                _faults.RemoveAt(index);
            }

            var taken = fault.Clone();
            taken.Count = 1;
            return taken;
        }
    }

    private static bool Matches(FaultSpec fault, string method, string path)
    {
        if (fault.Method is not null && !string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (fault.PathContains is not null && !path.Contains(fault.PathContains, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A token request carries no token to expire; letting it match would only block the client's refresh.
        return fault.Kind != FaultKind.ExpireToken || !string.Equals(path, TokenPath, StringComparison.OrdinalIgnoreCase);
    }

    private static void Validate(FaultSpec fault)
    {
        if (!Enum.IsDefined(fault.Kind))
        {
            throw new ArgumentException("kind must be status, latency, drop or expireToken.", nameof(fault));
        }

        if (fault.Count < 1)
        {
            throw new ArgumentException("count must be at least 1.", nameof(fault));
        }

        if (fault.Kind == FaultKind.Status && fault.Status is { } status && (status < 100 || status > 599))
        {
            throw new ArgumentException("status must be an HTTP status code (100-599).", nameof(fault));
        }

        if (fault.Kind == FaultKind.Latency && fault.LatencyMs is not > 0)
        {
            throw new ArgumentException("a latency fault needs latencyMs above 0.", nameof(fault));
        }

        if (fault.AfterApply && fault.Kind is not (FaultKind.Drop or FaultKind.Status))
        {
            throw new ArgumentException("afterApply applies to drop and status faults only.", nameof(fault));
        }

        if (fault.Probability is { } probability && (double.IsNaN(probability) || probability <= 0 || probability > 1))
        {
            throw new ArgumentException("probability must be above 0 and at most 1.", nameof(fault));
        }

        if (fault.RetryAfter is { } retryAfter && (retryAfter.Length == 0 || retryAfter.Any(char.IsControl)))
        {
            throw new ArgumentException("retryAfter must be header text (seconds or an HTTP date).", nameof(fault));
        }
    }
}
