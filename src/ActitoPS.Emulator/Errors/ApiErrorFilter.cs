namespace ActitoPS.Emulator.Errors;

internal static class ApiErrorFilter
{
    /// <summary>
    /// Lets the handlers of a group stop at the first problem by throwing <see cref="ApiErrorException"/>,
    /// which becomes the error's answer.
    /// </summary>
    public static RouteGroupBuilder WithApiErrors(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ApiErrorException ex)
            {
                return ex.Error.ToResult();
            }
        });
        return group;
    }
}
