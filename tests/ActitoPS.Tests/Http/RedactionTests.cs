using ActitoPS.Core.Http;

namespace ActitoPS.Tests.Http;

public class RedactionTests
{
    [Fact]
    public void Known_secrets_and_bearer_values_are_masked()
    {
        var redactor = new Redactor();
        redactor.AddSecret("the-api-key-123");

        var text = redactor.Redact("key the-api-key-123 and header Authorization: Bearer eyJhbGciOi.abc-def_ghi and {\"accessToken\":\"zzz-token\"}");

        Assert.DoesNotContain("the-api-key-123", text);
        Assert.DoesNotContain("eyJhbGciOi.abc-def_ghi", text);
        Assert.DoesNotContain("zzz-token", text);
        Assert.Contains("Bearer ***", text);
    }

    [Fact]
    public void Ordinary_text_is_left_alone()
    {
        var redactor = new Redactor();
        redactor.AddSecret("abc"); // too short to be a key: masking it would mangle messages
        Assert.Equal("POST /profiles/abc -> 200 OK", redactor.Redact("POST /profiles/abc -> 200 OK"));
    }

    [Theory]
    [InlineData("{\"message\":\"Unknown attribute 'foo'\",\"field\":\"foo\"}", "Unknown attribute 'foo'", "foo")]
    [InlineData("{\"errors\":[{\"message\":\"a\"},{\"message\":\"b\"}]}", "a; b", null)]
    [InlineData("[{\"description\":\"bad date\",\"attributeName\":\"birthDate\"}]", "bad date", "birthDate")]
    [InlineData("Service Unavailable", "Service Unavailable", null)]
    [InlineData("<html><body>502</body></html>", null, null)]
    [InlineData("", null, null)]
    public void Error_bodies_of_unknown_shape_yield_a_message_and_field_when_they_have_one(string body, string? message, string? field)
    {
        var (readMessage, readField) = ActitoErrorBody.Read(body);
        Assert.Equal(message, readMessage);
        Assert.Equal(field, readField);
    }
}
