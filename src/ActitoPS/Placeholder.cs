namespace ActitoPS { internal static class Placeholder { } }
