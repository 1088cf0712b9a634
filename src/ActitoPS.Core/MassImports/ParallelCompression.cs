using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// Hands what is written to a compressor on another thread, so that formatting CSV and compressing it share
    /// the machine's cores instead of taking turns. A few blocks wait at most, so memory stays bounded; a failure
    /// of the compressor comes back on the next write or on dispose.
    /// </summary>
    internal sealed class ParallelCompression : Stream
    {
        public const int BlockBytes = 64 * 1024;
        public const int BlocksInFlight = 4;

        private readonly Stream _compressor;
        private readonly BlockingCollection<(byte[] Block, int Length)> _blocks = new BlockingCollection<(byte[], int)>(BlocksInFlight);
        private readonly ConcurrentBag<byte[]> _free = new ConcurrentBag<byte[]>();
        private readonly Task _worker;
        private byte[] _current = new byte[BlockBytes];
        private int _used;
        private Exception? _failure;
        private bool _disposed;

        public ParallelCompression(Stream compressor)
        {
            _compressor = compressor;
            _worker = Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ThrowIfFailed();
            while (count > 0)
            {
                var take = Math.Min(count, BlockBytes - _used);
                Buffer.BlockCopy(buffer, offset, _current, _used, take);
                _used += take;
                offset += take;
                count -= take;
                if (_used == BlockBytes) HandOver();
            }
        }

        /// <summary>Hands over what is buffered; it does not wait for the compressor (that would serialise the two again).</summary>
        public override void Flush()
        {
            ThrowIfFailed();
            if (_used > 0) HandOver();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                try
                {
                    if (_used > 0 && _failure == null) HandOver();
                }
                finally
                {
                    _blocks.CompleteAdding();
                    _worker.GetAwaiter().GetResult();
                    _blocks.Dispose();
                    _compressor.Dispose();
                }
                ThrowIfFailed();
            }
            base.Dispose(disposing);
        }

        private void HandOver()
        {
            _blocks.Add((_current, _used));
            _current = _free.TryTake(out var reused) ? reused : new byte[BlockBytes];
            _used = 0;
        }

        private void Drain()
        {
            foreach (var (block, length) in _blocks.GetConsumingEnumerable())
            {
                if (_failure == null)
                {
                    try
                    {
                        _compressor.Write(block, 0, length);
                    }
                    catch (Exception failure)
                    {
                        // Kept for the writer's thread; the rest is drained so that Add never blocks forever.
                        _failure = failure;
                    }
                }
                _free.Add(block);
            }
        }

        private void ThrowIfFailed()
        {
            var failure = Volatile.Read(ref _failure);
            if (failure != null) throw new IOException("Writing the compressed import file failed: " + failure.Message, failure);
        }
    }

    /// <summary>Counts the bytes that reach the file, readable from any thread (a part rolls on it).</summary>
    internal sealed class CountingStream : Stream
    {
        private readonly Stream _inner;
        private long _written;

        public CountingStream(Stream inner) => _inner = inner;

        public long Written => Interlocked.Read(ref _written);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            Interlocked.Add(ref _written, count);
        }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
