global using System.Reflection;
global using System.Text.RegularExpressions;
global using ActitoPS.Module.Tests.Infrastructure;
global using Xunit;
