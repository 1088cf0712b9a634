using System;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// What the commands that take items by id share: a call made from the pipeline thread and waited for there,
    /// and a failure of one item written as that item's error so that the next one still goes.
    /// </summary>
    internal sealed class ItemCalls
    {
        private readonly IActitoHost _host;
        private readonly CancellationToken _cancellation;

        public ItemCalls(IActitoHost host, CancellationToken cancellationToken)
        {
            _host = host;
            _cancellation = cancellationToken;
        }

        public T Call<T>(Func<CancellationToken, Task<T>> call) => Task.Run(() => call(_cancellation), _cancellation).GetAwaiter().GetResult();

        public void Call(Func<CancellationToken, Task> call) => Task.Run(() => call(_cancellation), _cancellation).GetAwaiter().GetResult();

        /// <summary>
        /// Runs one item's work; Actito refusing it (a 404 restated by <paramref name="notFound"/>) is that item's error.
        /// A rejected key (401) and a stop still end the command.
        /// </summary>
        public void ForItem(object target, Func<ActitoApiException, string> notFound, Action work)
        {
            try
            {
                work();
            }
            catch (ActitoApiException failure) when (failure.StatusCode != 401 && !(failure.InnerException is OperationCanceledException) &&
                                                     !(failure.StatusCode == null && _cancellation.IsCancellationRequested))
            {
                var shown = failure.StatusCode == 404 ? failure.Restated(notFound(failure)) : failure;
                _host.WriteError(new ActitoError(shown, ErrorMapping.ErrorIdOf(shown), ErrorMapping.CategoryOf(shown), target) { Details = shown.ResponseBody });
            }
        }
    }
}
