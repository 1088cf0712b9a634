using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// GET …/record?searchField=&amp;searchValue=&amp;sortedField=&amp;ascending=&amp;number=, with the guide's rules:
/// strict equality on an indexed field, sorted on an indexed field (creationMoment by default), ascending by
/// default, at most 200 records (the default too).
/// </summary>
internal sealed record CustomRecordQuery(CustomFieldSchema? SearchField, object? SearchValue, CustomFieldSchema SortedField, bool Ascending, int Number)
{
    public const int MaxNumber = 200;

    /// <exception cref="ApiErrorException">400 INVALID_PARAMETER, UNKNOWN_FIELD, FIELD_NOT_INDEXED or INVALID_FIELD_VALUE.</exception>
    public static CustomRecordQuery Parse(HttpRequest request, CustomTableSchema schema)
    {
        var searchName = request.Query["searchField"].ToString();
        var searchText = request.Query["searchValue"].ToString();
        if (searchName.Length > 0 && searchText.Length == 0)
        {
            throw Invalid("searchValue", $"searchField '{searchName}' is given without a searchValue.");
        }

        if (searchName.Length == 0 && searchText.Length > 0)
        {
            throw Invalid("searchField", $"searchValue {AttributeValueParser.Quote(searchText)} is given without a searchField.");
        }

        CustomFieldSchema? searchField = null;
        object? searchValue = null;
        if (searchName.Length > 0)
        {
            searchField = IndexedField(schema, searchName, "searchField");
            searchValue = CustomValues.Parse(searchField, searchText);
        }

        var sortedName = request.Query["sortedField"].ToString();
        var sortedField = sortedName.Length == 0 ? schema.CreationMoment : IndexedField(schema, sortedName, "sortedField");

        var ascendingText = request.Query["ascending"].ToString();
        var ascending = ascendingText.ToUpperInvariant() switch
        {
            "" or "TRUE" => true,
            "FALSE" => false,
            _ => throw Invalid("ascending", $"Query parameter ascending has value {AttributeValueParser.Quote(ascendingText)}; expected true or false."),
        };

        var numberText = request.Query["number"].ToString();
        var number = MaxNumber;
        if (numberText.Length > 0)
        {
            if (!long.TryParse(numberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var asked) || asked < 1)
            {
                throw Invalid("number", $"Query parameter number has value {AttributeValueParser.Quote(numberText)}; expected a whole number from 1 (at most {MaxNumber} records are answered).");
            }

            number = (int)Math.Min(asked, MaxNumber);
        }

        return new CustomRecordQuery(searchField, searchValue, sortedField, ascending, number);
    }

    private static CustomFieldSchema IndexedField(CustomTableSchema schema, string name, string parameter)
    {
        var field = schema.FindField(name)
            ?? throw new ApiErrorException(ApiError.BadRequest(
                "UNKNOWN_FIELD", $"{parameter}: field '{name}' does not exist in custom table '{schema.TechnicalName}'.", name));
        if (!field.Indexed)
        {
            var indexed = string.Join(", ", schema.Fields.Where(f => f.Indexed).Select(f => f.Name));
            throw new ApiErrorException(ApiError.BadRequest(
                "FIELD_NOT_INDEXED", $"{parameter}: field '{field.Name}' is not indexed in custom table '{schema.TechnicalName}' (indexed: {indexed}).", field.Name));
        }

        return field;
    }

    private static ApiErrorException Invalid(string parameter, string message) =>
        new(ApiError.BadRequest("INVALID_PARAMETER", message, parameter));
}
