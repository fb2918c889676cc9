// Request and response bodies on demand (PUT /_sim/bodies {"record": true}), so tests can check
// every document that crossed the wire, e.g. against the CIMI XML schema. Memory only.
export interface Exchange {
  method: string;
  path: string;
  status: number;
  requestType?: string;
  requestBody?: string;
  responseType?: string;
  responseBody?: string;
}

export class BodyRecorder {
  record = false;
  exchanges: Exchange[] = [];

  add(x: Exchange): void {
    if (this.record && (x.requestBody || x.responseBody)) this.exchanges.push(x);
  }
}
