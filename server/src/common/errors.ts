import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError, stackWithoutMessage } from './describe-error';
import { ERRORS, type ErrorCode, type ErrorDto } from '@spil/shared';

/** An error from the catalogue. Throw these; the filter turns them into `ErrorDto`. */
export class SpilError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

function fromHttpException(e: HttpException): SpilError {
  const status = e.getStatus();
  if (status === 404) return new SpilError('route.not_found');
  if (status === 413) return new SpilError('payload.too_large');
  if (status === 429) return new SpilError('rate.limited');
  if (status === 401) return new SpilError('auth.required');
  if (status === 403) return new SpilError('auth.forbidden');
  if (status === 400)
    return new SpilError('validation.invalid', undefined, 'De invoer is geen geldige JSON.');
  return new SpilError('server.internal');
}

/** Body-parser errors carry a `type` and a `status`. */
function fromParserError(e: unknown): SpilError | null {
  if (typeof e !== 'object' || e === null || !('type' in e)) return null;
  const type: unknown = e.type;
  if (type === 'entity.too.large') return new SpilError('payload.too_large');
  if (
    type === 'entity.parse.failed' ||
    type === 'encoding.unsupported' ||
    type === 'charset.unsupported'
  ) {
    return new SpilError('validation.invalid', undefined, 'De invoer is geen geldige JSON.');
  }
  return null;
}

/** One place where errors become responses. Internal messages never leak; only server faults are logged. */
@Catch()
export class SpilExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { correlationId?: string }>();
    const err =
      exception instanceof SpilError
        ? exception
        : (fromParserError(exception) ??
          (exception instanceof HttpException
            ? fromHttpException(exception)
            : new SpilError('server.internal')));
    if (err.status >= 500) {
      const e = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(
        `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? 'unknown route'} failed [${req.correlationId ?? '-'}]: ${describeError(e)}`,
        stackWithoutMessage(e),
      );
    }
    const body: ErrorDto = {
      statusCode: err.status,
      code: err.code,
      message: err.message,
      ...(err.field ? { field: err.field } : {}),
      ...(req.correlationId ? { correlationId: req.correlationId } : {}),
    };
    if (err.code === 'auth.too_many_attempts' || err.code === 'rate.limited')
      res.setHeader('Retry-After', '60');
    res.status(err.status).json(body);
  }
}
