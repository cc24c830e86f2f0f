using MediatR;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>Marks a request that changes state. Concurrency conflicts on commands are retried by the pipeline.</summary>
public interface ICommandBase;

/// <summary>A state change with a result; its handler is <see cref="ICommandHandler{TCommand,TResult}"/>.</summary>
public interface ICommand<out TResult> : IRequest<TResult>, ICommandBase;

/// <summary>A read with a result; its handler is <see cref="IQueryHandler{TQuery,TResult}"/>.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;

public interface ICommandHandler<in TCommand, TResult> : IRequestHandler<TCommand, TResult>
    where TCommand : ICommand<TResult>;

public interface IQueryHandler<in TQuery, TResult> : IRequestHandler<TQuery, TResult>
    where TQuery : IQuery<TResult>;
