import protobuf from "protobufjs";

/**
 * The long connection's wire format (`pbbp2.Frame`, as the SDK's WSClient encodes it).
 * method 0 = control (ping/pong), 1 = data (event/card); headers carry type, message_id,
 * sum/seq (fragments) and trace_id.
 */
const PROTO = `
syntax = "proto2";
package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint64 SeqID = 1;
  required uint64 LogID = 2;
  required int32 service = 3;
  required int32 method = 4;
  repeated Header headers = 5;
  optional string payload_encoding = 6;
  optional string payload_type = 7;
  optional bytes payload = 8;
  optional string LogIDNew = 9;
}`;

// The SDK sets `util.Long = undefined` on the shared protobufjs module when it loads; a type
// parsed while Long was still set would then crash on encode. Use plain numbers from the start,
// whatever the import order (the SDK does the same).
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

const FrameType = protobuf.parse(PROTO, { keepCase: true }).root.lookupType("pbbp2.Frame");

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export function encodeFrame(f: Frame): Uint8Array {
  return FrameType.encode(FrameType.fromObject(f)).finish();
}

export function decodeFrame(buf: Uint8Array): Frame {
  const o = FrameType.toObject(FrameType.decode(buf), { longs: Number, bytes: Buffer, defaults: true }) as Frame;
  return o;
}

export function header(f: Frame, key: string): string | undefined {
  return f.headers.find((h) => h.key === key)?.value;
}
