/** The SDK's name and version, sent in every envelope's `context.sdk`. */
export const SDK = 'heard/0.1.0';
