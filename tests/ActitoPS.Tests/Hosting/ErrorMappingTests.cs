using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;

namespace ActitoPS.Tests.Hosting;

public class ErrorMappingTests
{
    private static ActitoApiException Api(int? status, bool outcomeUnknown = false) =>
        new("m", status, "POST", "/p", null, "{\"message\":\"m\"}", outcomeUnknown: outcomeUnknown);

    [Theory]
    [InlineData(400, ActitoErrorCategory.InvalidData, "ActitoHttp400")]
    [InlineData(401, ActitoErrorCategory.AuthenticationError, "ActitoHttp401")]
    [InlineData(403, ActitoErrorCategory.PermissionDenied, "ActitoHttp403")]
    [InlineData(404, ActitoErrorCategory.ObjectNotFound, "ActitoNotFound")]
    [InlineData(409, ActitoErrorCategory.ResourceExists, "ActitoConflict")]
    [InlineData(429, ActitoErrorCategory.LimitsExceeded, "ActitoHttp429")]
    [InlineData(503, ActitoErrorCategory.ResourceUnavailable, "ActitoHttp503")]
    [InlineData(null, ActitoErrorCategory.ConnectionError, "ActitoNetworkError")]
    public void Statuses_map_to_the_category_a_PowerShell_user_would_filter_on(int? status, ActitoErrorCategory category, string errorId)
    {
        var error = ErrorMapping.ForCommand(Api(status));
        Assert.Equal(category, error.Category);
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal("{\"message\":\"m\"}", error.Details);
    }

    [Fact]
    public void An_uncertain_outcome_has_its_own_id()
    {
        Assert.Equal("ActitoOutcomeUnknown", ErrorMapping.ForCommand(Api(null, outcomeUnknown: true)).ErrorId);
    }

    [Fact]
    public void Bad_parameters_and_missing_connections_are_told_apart()
    {
        Assert.Equal(ActitoErrorCategory.InvalidArgument, ErrorMapping.ForCommand(new ArgumentException("x")).Category);
        Assert.Equal(ActitoErrorCategory.InvalidOperation, ErrorMapping.ForCommand(new InvalidOperationException("x")).Category);
    }
}
