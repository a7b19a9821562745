import { AppError, Errors } from '@agentry/contracts';
import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/** Sends typed errors back with their status and code; anything else becomes a logged 500. */
@Catch()
export class AppErrorRpcFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('Rpc');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (exception instanceof AppError) return throwError(() => exception.toShape());
    const rpc = host.switchToRpc();
    const ctx = (rpc.getData() as { ctx?: { requestId?: string } } | undefined)?.ctx;
    this.logger.error(exception instanceof Error ? exception : String(exception), { requestId: ctx?.requestId });
    return throwError(() => Errors.internal().toShape());
  }
}
