declare module 'node-nlp';
