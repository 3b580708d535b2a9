import { tempDir, writeTree } from '../../helpers/tmp.js';

// The three documents whose sha256 the fixtures name (e8a49617…): change one and the loads' fixtures must change too.
const CORPUS = [
  { _id: 'd1', title: 'Aspirin', text: 'Aspirin reduces fever.' },
  { _id: 'd2', title: 'Ibuprofen', text: 'Ibuprofen reduces pain and fever.' },
  { _id: 'd3', title: 'Statins', text: 'Statins lower cholesterol.' },
];

/** A BEIR folder of those documents and two queries (a fresh temp folder per call). */
export function clusterDataset(): string {
  return writeTree(tempDir('medir-cluster-data-'), {
    'corpus.jsonl': CORPUS.map((d) => JSON.stringify(d)).join('\n') + '\n',
    'queries.jsonl': [{ _id: 'q1', text: 'fever treatment' }, { _id: 'q2', text: 'cholesterol fever' }].map((q) => JSON.stringify(q)).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n',
  });
}

