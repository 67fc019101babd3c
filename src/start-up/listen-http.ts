import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { errorCode, StartupError } from "./startup-error.js";

/**
 * Binds `server` and resolves with the bound port (PORT=0: the one the system chose). A port in use
 * or not allowed rejects with a StartupError naming `setting`, the variable that picks the port.
 */
export function listenHttp(server: Server, port: number, setting: string, host?: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const fail = (error: Error) => reject(portError(error, port, setting));
    server.once("error", fail);
    const ready = () => {
      server.off("error", fail);
      resolve((server.address() as AddressInfo).port);
    };
    if (host === undefined) server.listen(port, ready);
    else server.listen(port, host, ready);
  });
}

export function portError(error: Error, port: number, setting: string): Error {
  const code = errorCode(error);
  if (code === "EADDRINUSE")
    return new StartupError(
      `${setting} ${port} is in use: set ${setting} to a free port or stop what uses it`,
      {
        cause: error,
      },
    );
  if (code === "EACCES")
    return new StartupError(
      `${setting} ${port} needs privileges this user lacks: set ${setting} to a port above 1023`,
      { cause: error },
    );
  return error;
}
